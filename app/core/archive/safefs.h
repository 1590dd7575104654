// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <cstddef>

// POSIX helpers that resolve bundle-relative paths one component at a time with O_NOFOLLOW, so a symlink planted
// anywhere (by an archive or by someone changing a directory bundle after it was scanned) is never followed.
// Functions return an invalid UniqueFd and leave errno set on failure.
namespace capaudit::safefs {

class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd)
        : m_fd(fd)
    {
    }
    ~UniqueFd();
    UniqueFd(UniqueFd&& other) noexcept;
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    int get() const
    {
        return m_fd;
    }
    bool valid() const
    {
        return m_fd >= 0;
    }

private:
    int m_fd = -1;
};

// The root itself may be a symlink: the user chose that path.
UniqueFd openRoot(const QString& root);
// RELATIVE is a normalised bundle path ("a/b"; "" is DIRFD itself). With CREATE, missing directories are made 0700.
UniqueFd openDirectoryBeneath(int dirFd, QStringView relative, bool create);
// Opens a regular file for reading; anything else (symlink, FIFO, device, directory) fails.
UniqueFd openFileBeneath(int rootFd, QStringView relative);
// Creates NAME (one component) in DIRFD with O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600.
UniqueFd createFileIn(int dirFd, QStringView name);

// Writes all of DATA, retrying on EINTR and short writes.
bool writeAll(int fd, const char* data, std::size_t size);
// Reads up to SIZE bytes; returns the count (0 at end of file) or -1.
qint64 readSome(int fd, char* data, std::size_t size);

// "No such file or directory"
QString errnoText(int error);
// Whether ERROR (an errno value) is this machine's failure rather than the input's: no space, quota, file size limit,
// an I/O error, a read-only file system, no memory, no file handles left.
bool isLocalFailure(int error);

} // namespace capaudit::safefs
