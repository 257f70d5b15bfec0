"""A module whose function has the wrong name."""


def s000_kernel_wrapper(a, b, LEN_1D):
    a.copy_(b)
