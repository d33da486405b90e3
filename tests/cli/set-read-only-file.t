# a file without write permission
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
setup: chmod 444 a.npy
run: ndmap set a.npy 0 1
user: nobody
status: 1
--- stderr
ndmap: PermissionError: [Errno 13] Permission denied: 'a.npy'
