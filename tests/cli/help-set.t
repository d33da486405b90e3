run: ndmap set --help
status: 0
--- stdout
Usage: ndmap set FILE INDEX VALUE [OPTIONS]
Assign VALUE to FILE[INDEX] as numpy does (the file mapped with mode r+), and
flush. VALUE is converted with numpy 2's rules: out-of-range integers, NaN into
integers and complex into real arrays are errors.

  INDEX                  numpy basic indexing: '...' (everything), '0, :', '::2'
  VALUE                  a Python scalar literal: 0, -3, 1.5, nan, -inf, True,
                         (1+2j)
      --no-progress      never show a progress bar

Raw files (numpy.memmap parameters; ignored for .npy unless --raw):
      --dtype D          element type, numpy spelling (uint8)
      --shape S          e.g. 3,4 or '(3, 4)'; default: inferred, 1-D
      --offset N         byte offset of the data (0)
      --order O          C or F (C)
      --raw              map FILE as raw data even if it is a .npy file

A raw file shorter than --shape and --offset need is extended with zeros, and
so is a truncated .npy file: numpy.memmap's mode r+ does the same.
