"""`jaga demo`: what `make run` shows a new user, on benign pictures Jaga draws itself."""
