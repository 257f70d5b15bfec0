"""The benchmark's figures: metrics per loop, the floor kernel, the baselines a user would pick instead."""
