/** The floor's JVM: start, print, exit. */
public final class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
