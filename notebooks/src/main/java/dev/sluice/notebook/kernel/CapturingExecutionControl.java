package dev.sluice.notebook.kernel;

import jdk.jshell.execution.LocalExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * JShell's in-process execution engine, extended so that the kernel gets the object a snippet
 * evaluated to (JShell itself only hands back its string form), knows the thread running the
 * snippet so that an interrupt reaches a waiting Sluice job, and runs every snippet with the
 * cells' class loader as the thread's context class loader, which is where Sluice resolves the
 * records and lambdas that cells define.
 *
 * <p>Each snippet runs through {@link #runSnippet()}: JShell starts the snippet thread from inside
 * {@link #invoke(Method)}, so the thread inherits the {@link Invocation} to run.
 */
public final class CapturingExecutionControl extends LocalExecutionControl {
    private static final InheritableThreadLocal<Invocation> INVOCATION = new InheritableThreadLocal<>();
    private static final Method RUN_SNIPPET;

    static {
        try {
            RUN_SNIPPET = CapturingExecutionControl.class.getMethod("runSnippet");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private Invocation current;
    private Object lastValue;
    /** Set while the user has asked to stop the cell: snippets that start then do not run. */
    private volatile boolean stopping;
    private volatile Consumer<String> invokeListener = className -> {
    };

    /** Tells {@code listener} the class of each snippet just before it runs, on the thread that starts it. */
    void onInvoke(Consumer<String> listener) {
        this.invokeListener = listener;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        invokeListener.accept(doitMethod.getDeclaringClass().getName());
        Invocation invocation = new Invocation(doitMethod, () -> stopping);
        lock.lock();
        try {
            current = invocation;
            lastValue = null;
        } finally {
            lock.unlock();
        }
        INVOCATION.set(invocation);
        try {
            String shown = super.invoke(RUN_SNIPPET);
            lastValue = invocation.value;
            return shown;
        } finally {
            INVOCATION.remove();
            lock.lock();
            try {
                current = null;
                finished.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Runs the snippet of the invocation this thread inherited and returns its value. Public only
     * because JShell invokes it reflectively; not for other callers.
     */
    public static Object runSnippet() throws Throwable {
        Invocation invocation = INVOCATION.get();
        if (invocation == null) {
            throw new IllegalStateException("runSnippet() is called by the kernel's execution engine only");
        }
        return invocation.run();
    }

    /** The value of the last snippet that ran (null for statements, declarations and void calls). */
    public Object takeLastValue() {
        Object value = lastValue;
        lastValue = null;
        return value;
    }

    /** Interrupts the thread running the current snippet and returns whether it ended within {@code grace}. */
    private boolean interruptAndAwait(Duration grace) throws InterruptedException {
        lock.lock();
        try {
            Invocation running = current;
            if (running == null) {
                return true;
            }
            running.interrupt();
            long nanos = grace.toNanos();
            while (current == running) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = finished.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the cell whose snippets run through this control: snippets that start from now on do not
     * run, and the running one, if any, is interrupted (which cancels a Sluice job it waits for).
     * Returns whether the running snippet ended within {@code grace}.
     */
    public boolean stopCell(Duration grace) throws InterruptedException {
        stopping = true;
        return interruptAndAwait(grace);
    }

    /** Lets snippets run again: called when a new cell starts. */
    public void startCell() {
        stopping = false;
    }

    /** One snippet to run on the thread JShell starts for it. */
    private static final class Invocation {
        private final Method doit;
        private final BooleanSupplier stopping;
        private volatile Thread thread;
        private volatile boolean interrupted;
        private Object value;

        Invocation(Method doit, BooleanSupplier stopping) {
            this.doit = doit;
            this.stopping = stopping;
        }

        Object run() throws Throwable {
            Thread self = Thread.currentThread();
            self.setContextClassLoader(doit.getDeclaringClass().getClassLoader());
            thread = self;
            if (interrupted || stopping.getAsBoolean()) {
                throw new InterruptedException("the cell was stopped before this snippet ran");
            }
            try {
                value = doit.invoke(null);
                return value;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                thread = null;
            }
        }

        void interrupt() {
            interrupted = true;
            Thread running = thread;
            if (running != null) {
                running.interrupt();
            }
        }
    }
}
