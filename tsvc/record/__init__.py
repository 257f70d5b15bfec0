"""The loop's record and its ground truth: the catalogue, sizes, inputs, the calling convention, the gcc builds."""
