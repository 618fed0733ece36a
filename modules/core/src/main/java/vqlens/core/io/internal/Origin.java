package vqlens.core.io.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import vqlens.core.io.CodebookFileException;

/**
 * Where bytes come from (a file, optionally a member of an archive); turns problems into one-line
 * {@link CodebookFileException}s that name the file and, for archives, the member.
 */
public record Origin(Path file, String member) {

    public static Origin of(Path file) {
        return new Origin(file, null);
    }

    /** The same file, a member of it (e.g. {@code codebooks.npy} inside an {@code .npz}). */
    public Origin member(String name) {
        return new Origin(file, name);
    }

    public CodebookFileException fail(String problem) {
        return new CodebookFileException(file, member == null ? problem : "member " + member + ": " + problem);
    }

    /** An I/O error as one line: what was being done and why it failed. */
    public CodebookFileException io(String doing, IOException e) {
        return fail("cannot " + doing + ": " + describe(e));
    }

    String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory" + otherFile(n);
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied" + otherFile(a);
        }
        if (e instanceof ClosedByInterruptException) {
            return "interrupted";
        }
        if (e instanceof EOFException) {
            return "unexpected end of file (did it change while being read?)";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + otherFile(f);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip().replace('\n', ' ');
    }

    // Temp files and parent directories are not the file the user named: say which one failed.
    private String otherFile(FileSystemException e) {
        String other = e.getFile();
        return other == null || other.equals(file.toString()) ? "" : " (" + other + ")";
    }
}
