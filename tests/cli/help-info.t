run: ndmap info --help
status: 0
--- stdout
Usage: ndmap info FILE [OPTIONS]
Describe FILE. For a .npy file: format version, header length, data offset,
dtype, shape, order, sizes, and whether the file size matches the header
(truncated data or trailing bytes); the header is read and checked as numpy
reads it, without mapping the data. For a raw file: its size and, with
--dtype (or --shape, --offset), the array numpy.memmap would map, or numpy's
error.

      --json             print the description as a JSON object

Raw files (numpy.memmap parameters; ignored for .npy unless --raw):
      --dtype D          element type, numpy spelling (uint8)
      --shape S          e.g. 3,4 or '(3, 4)'; default: inferred, 1-D
      --offset N         byte offset of the data (0)
      --order O          C or F (C)
      --raw              map FILE as raw data even if it is a .npy file
