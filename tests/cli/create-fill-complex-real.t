# complex into a real array
run: ndmap create a.npy --shape 2 --fill 1j
status: 1
--- stderr
ndmap: TypeError: float() argument must be a string or a real number, not 'complex'
