"""Pure transforms: DataFrame in, DataFrame out, no I/O. The jobs chain them."""
