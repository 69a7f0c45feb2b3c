"""Analysis of argument maps: what is wrong with a map, which claims stand, how strongly."""
