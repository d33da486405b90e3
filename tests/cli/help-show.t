run: ndmap show --help
status: 0
--- stdout
Usage: ndmap show FILE [INDEX] [OPTIONS]
Print the array in FILE, or the view FILE[INDEX], exactly as numpy's repr().
.npy files are recognised by their magic; any other file is raw data mapped
as numpy.memmap(FILE, dtype, mode, offset, shape, order).

  INDEX                  numpy basic indexing, e.g. '0, ::2', '..., -1', '1:3';
                         all integers select one element (a numpy scalar)
      --str              print str() instead of repr()
      --json             print dtype, shape and all the data as JSON
      --mode M           r (default), r+ or c; raw files also w+ (as numpy)

Raw files (numpy.memmap parameters; ignored for .npy unless --raw):
      --dtype D          element type, numpy spelling (uint8)
      --shape S          e.g. 3,4 or '(3, 4)'; default: inferred, 1-D
      --offset N         byte offset of the data (0)
      --order O          C or F (C)
      --raw              map FILE as raw data even if it is a .npy file

Print options (numpy.set_printoptions):
      --precision N      digits after the point (8)
      --threshold N      summarise arrays with more than N elements (1000)
      --full             never summarise (threshold=sys.maxsize)
      --edgeitems N      items at each edge of a summary (3)
      --linewidth N      characters per line (75)
      --suppress         never print small floats in scientific notation
      --sign C           '-', '+' or ' ' (-)
      --floatmode M      maxprec, fixed, unique or maxprec_equal (maxprec)
      --nanstr S         text for NaN (nan)
      --infstr S         text for infinity (inf)
