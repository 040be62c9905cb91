/// The executable is thin: pick BLAS kernels for this CPU, then parse flags.
@main
enum Entry {
    static func main() async {
        BLASCoreSelection.reexecIfNeeded()
        await JunctionCommand.main()
    }
}
