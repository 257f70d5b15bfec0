"""s000 that fails at import."""
import triton.language.no_such_module  # noqa: F401


def s000_triton(a, b, LEN_1D):
    pass
