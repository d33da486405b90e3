run: ndmap stats --help
status: 0
--- stdout
Usage: ndmap stats FILE [INDEX] [OPTIONS]
Count, min, max, mean, standard deviation and number of NaNs of the array in
FILE, or of the view FILE[INDEX], equal to numpy's np.min, np.max, np.mean,
np.std and np.isnan(a).sum(): same dtypes, same summation order (pairwise, in
runs of 8192 elements, in memory order), printed as numpy prints them. The
file is streamed in bounded memory, twice (std needs the mean first).

      --axis N           reduce along axis N only (numpy's axis=N)
      --json             print the results as a JSON object
      --no-progress      never show a progress bar

Raw files (numpy.memmap parameters; ignored for .npy unless --raw):
      --dtype D          element type, numpy spelling (uint8)
      --shape S          e.g. 3,4 or '(3, 4)'; default: inferred, 1-D
      --offset N         byte offset of the data (0)
      --order O          C or F (C)
      --raw              map FILE as raw data even if it is a .npy file
