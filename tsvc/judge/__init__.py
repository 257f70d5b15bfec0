"""The verdict on a kernel: results against the C loop, and the program-order (race) check."""
