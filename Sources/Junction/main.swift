// The executable is thin: pick BLAS kernels for this CPU, then parse flags.
BLASCoreSelection.reexecIfNeeded()
JunctionCommand.main()
