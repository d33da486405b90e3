# a 2-D result prints on its own lines
setup: ndmap demo . >/dev/null
run: ndmap stats newfile.dat --dtype f4 --shape 2,3,2 --axis 1
status: 0
--- stdout
count: 3
min:
[[0. 1.]
 [6. 7.]]
max:
[[ 4.  5.]
 [10. 11.]]
mean:
[[2. 3.]
 [8. 9.]]
std:
[[1.6329932 1.6329932]
 [1.6329932 1.6329932]]
nans:
[[0 0]
 [0 0]]
