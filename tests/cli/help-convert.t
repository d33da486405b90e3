run: ndmap convert --help
status: 0
--- stdout
Usage: ndmap convert IN OUT [OPTIONS]
Copy the array in IN to a new file OUT, converting between raw and .npy, the
element type (numpy's unsafe casting, as astype), the byte order and the
memory order. Streams in slabs of a few MiB: files larger than memory convert.

Output:
      --to F             npy or raw (default: npy if OUT ends in .npy, else raw)
      --dtype D          cast to D (default: IN's dtype, byte order included)
      --byteorder B      little (<), big (>) or native (=)
      --order O          C or F (default: F if IN is Fortran-ordered, else C)
  -f, --force            replace OUT if it exists
      --no-progress      never show a progress bar
Input (IN is .npy by its magic; raw files take numpy.memmap's parameters):
      --in-dtype D       element type of a raw IN (uint8)
      --in-shape S       shape of a raw IN (default: inferred, 1-D)
      --in-offset N      byte offset of the data in a raw IN (0)
      --in-order O       C or F (C)
      --raw              read IN as raw data even if it is a .npy file
      --index EXPR       convert only the view IN[EXPR], e.g. '::2, 0'
