fn main() {
    std::process::exit(errdex::cli::main());
}
