from django.apps import AppConfig


class WulianBenchConfig(AppConfig):
    name = "wulian_bench"
    label = "wulian_bench"
    verbose_name = "五联 development tools (benchmarks, scale generator)"
