# complex64 from float32 pairs
setup: ndmap demo . >/dev/null
run: ndmap show newfile.dat --dtype complex64
status: 0
--- stdout
memmap([ 0. +1.j,  2. +3.j,  4. +5.j,  6. +7.j,  8. +9.j, 10.+11.j],
       dtype=complex64)
