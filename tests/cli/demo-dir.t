# demo in a directory keeps newfile.dat
setup: mkdir out
run: ndmap demo out >/dev/null && ls out && ndmap info out/newfile.dat --dtype f4
status: 0
--- stdout
newfile.dat
file:           out/newfile.dat
format:         raw
file size:      48
dtype:          float32 ('<f4')
offset:         0
shape:          (12,)
order:          C
itemsize:       4
size:           12
data bytes:     48
