"""Runs a command on a pseudo-terminal of a given size and reports what it drew, with timestamps.

    pty_run.py COLUMNS ROWS DEADLINE_SECONDS COMMAND [ARG...]

The command gets the pty's slave as stdin, stdout, stderr and controlling terminal (so a JVM's
System.console() is non-null and `stty size </dev/tty` answers). Each chunk read from the master is
printed as `SECONDS HEX` (monotonic clock); at the end `EXIT CODE`, or `TIMEOUT` after the child was
killed for passing the deadline. Used by PseudoTerminalTrainTest; standard library only.
"""
import fcntl
import os
import select
import signal
import struct
import sys
import termios
import time


def main():
    columns, rows, deadline_seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    command = sys.argv[4:]
    deadline = time.monotonic() + deadline_seconds
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    pid = os.fork()
    if pid == 0:
        try:
            os.close(master)
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            if slave > 2:
                os.close(slave)
            os.execv(command[0], command)
        finally:
            os._exit(127)
    os.close(slave)
    out = sys.stdout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            out.write("TIMEOUT\n")
            return
        ready, _, _ = select.select([master], [], [], remaining)
        if not ready:
            continue
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: every slave descriptor is closed, the child has gone
            break
        if not data:
            break
        out.write("%.3f %s\n" % (time.monotonic(), data.hex()))
        out.flush()
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            out.write("EXIT %d\n" % os.waitstatus_to_exitcode(status))
            return
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            out.write("TIMEOUT\n")
            return
        time.sleep(0.05)


if __name__ == "__main__":
    main()
