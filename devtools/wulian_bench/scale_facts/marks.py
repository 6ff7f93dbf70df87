"""What names the generated city: its code, and the mark in the names of the generated rows."""

CITY_CODE = "510100000000"
MARK = "规模演示"  # in the names of the generated rows; generation runs once
