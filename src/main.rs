fn main() {
    raqim_app::start();
}
