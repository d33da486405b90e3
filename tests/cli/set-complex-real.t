# complex into a real array
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap set a.npy 0 '(1+2j)'
status: 1
--- stderr
ndmap: TypeError: float() argument must be a string or a real number, not 'complex'
