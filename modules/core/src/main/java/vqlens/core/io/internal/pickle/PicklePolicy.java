package vqlens.core.io.internal.pickle;

/**
 * What a pickle may call. The reader asks the policy whenever a pickle would run code of the file's choosing;
 * the policy returns an inert value for the few things it allows and throws a one-line refusal (naming what was
 * asked for) for everything else. Nothing is ever imported or executed.
 */
public interface PicklePolicy {

    /** {@code REDUCE} ({@code callee(*args)}) or {@code NEWOBJ} ({@code callee.__new__(callee, *args)}). */
    Object call(Py.Global callee, Py.Tuple args, boolean newObject);

    /** {@code BUILD}: {@code state} applied to {@code target} (a value the policy made, or a plain container). */
    void build(Object target, Object state);

    /** {@code BINPERSID}: what the persistent id stands for (for PyTorch, a storage). */
    Object persistentLoad(Object pid);

    /**
     * Whether a global that was named but never called is one the policy knows (a dtype, a storage type): the
     * reader notes the others, e.g. the callback classes Lightning 1.x uses as dict keys.
     */
    boolean knownName(Py.Global global);
}
