package dev.forecourt.cli; public class Main { public static void main(String[] a){} }
