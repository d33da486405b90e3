run: ndmap create -h
status: 0
--- stdout
Usage: ndmap create FILE --shape S [OPTIONS]
Create FILE as a .npy file, as numpy.lib.format.open_memmap(FILE, 'w+', dtype,
shape, fortran_order) does, or with --raw as a raw file, as numpy.memmap(FILE,
dtype, 'w+', offset, shape, order) does; zero-filled, or filled with --fill.

      --shape S          e.g. 3,4 or '(3, 4)' or '()' (required)
      --dtype D          numpy spelling (float64 for .npy, uint8 raw: numpy's)
      --order O          C (default) or F (Fortran order)
      --fill V           a Python scalar literal: 1.5, -3, nan, True, (1+2j)
      --raw              a raw file without a header
      --offset N         raw files: the data starts at byte N (zeros before)
      --sparse           do not reserve disk blocks (a sparse file, as numpy)
  -f, --force            replace FILE if it exists
      --no-progress      never show a progress bar
