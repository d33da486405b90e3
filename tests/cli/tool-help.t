# --help prints the usage
run: ndmap --help
status: 0
--- stdout
Usage: ndmap COMMAND [ARGS...]
Look inside, change and convert binary array files (.npy and raw) with
numpy.memmap's semantics, without writing code.

Commands:
  info FILE              .npy header or raw size; checks the file size
  show FILE [INDEX]      print the array, or a view, as numpy's repr
  create FILE            make a new .npy (or raw) file of a dtype and shape
  set FILE INDEX VALUE   assign a scalar to a view and flush
  convert IN OUT         raw <-> .npy, cast, byte order, C <-> F order
  stats FILE [INDEX]     count, min, max, mean, std and NaNs, as numpy
  demo [DIR]             numpy's memmap example, step by step

Options:
  -h, --help             show this help; 'ndmap COMMAND --help' for a command
      --version          show the version

INDEX is numpy's basic indexing text as written between the brackets,
e.g. '0, ::2' or '..., -1'. Exit status: 0 ok, 1 error, 2 usage error.
See ndmap(1).
