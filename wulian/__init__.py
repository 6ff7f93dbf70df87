"""五联 (wulian): Chengdu's 互联互动 mechanism for urban grassroots party building."""
