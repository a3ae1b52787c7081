package dev.cutover;

public final class Main {
    public static void main(String[] args) {}
}
