"""TSVC_2 loops, their C ground truth, and the checker for Triton kernels."""
