# print options
setup: ndmap demo . >/dev/null
run: ndmap show newfile.dat --dtype f4 --offset 4 --shape 3 --precision 2 && ndmap show newfile.dat --dtype f4 '1:4' --sign + && ndmap show newfile.dat --dtype f4 --linewidth 30 && ndmap show newfile.dat --dtype f4 '::4' --floatmode fixed --precision 3
status: 0
--- stdout
memmap([1., 2., 3.], dtype=float32)
memmap([+1., +2., +3.], dtype=float32)
memmap([ 0.,  1.,  2.,  3.,
         4.,  5.,  6.,  7.,
         8.,  9., 10., 11.],
       dtype=float32)
memmap([0.000, 4.000, 8.000], dtype=float32)
