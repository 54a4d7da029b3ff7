package dev.sluice.deploy.worker;

/**
 * Checks the ids a worker turns into directories of its work directory (applications, executors, drivers): each
 * must be one plain path segment, so no message can make the worker create, run in or delete anything outside
 * its work directory (an application id of {@code ..} or {@code /} would otherwise name the work directory's
 * parent or the root, and the end of that application would delete their files).
 */
final class WorkDirNames {

    private WorkDirNames() {
    }

    /**
     * Returns {@code id} if it is a plain directory name.
     *
     * @param what what the id names, for the message ("application id", ...)
     * @throws IllegalArgumentException naming the id otherwise
     */
    static String check(String what, String id) {
        if (id == null || id.isEmpty() || id.equals(".") || id.equals("..") || id.indexOf('/') >= 0
                || id.indexOf('\\') >= 0 || id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("A worker refuses the " + what + " '" + id + "': an id must be a "
                    + "plain directory name inside the work directory");
        }
        return id;
    }
}
