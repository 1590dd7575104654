// SPDX-License-Identifier: GPL-3.0-or-later
#include "archive/safefs.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace capaudit::safefs {

UniqueFd::~UniqueFd()
{
    if (m_fd >= 0) {
        const int saved = errno;
        ::close(m_fd);
        errno = saved;
    }
}

UniqueFd::UniqueFd(UniqueFd&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
{
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept
{
    if (this != &other) {
        UniqueFd old(std::exchange(m_fd, std::exchange(other.m_fd, -1)));
    }
    return *this;
}

UniqueFd openRoot(const QString& root)
{
    return UniqueFd(::open(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
}

UniqueFd openDirectoryBeneath(int dirFd, QStringView relative, bool create)
{
    UniqueFd current(::fcntl(dirFd, F_DUPFD_CLOEXEC, 0));
    if (!current.valid() || relative.isEmpty())
        return current;
    for (const QStringView component : relative.split(u'/')) {
        const QByteArray name = component.toUtf8();
        if (create && ::mkdirat(current.get(), name.constData(), 0700) != 0 && errno != EEXIST)
            return {};
        UniqueFd next(::openat(current.get(), name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!next.valid())
            return {};
        current = std::move(next);
    }
    return current;
}

UniqueFd openFileBeneath(int rootFd, QStringView relative)
{
    const qsizetype slash = relative.lastIndexOf(u'/');
    UniqueFd parent = openDirectoryBeneath(rootFd, slash < 0 ? QStringView() : relative.first(slash), false);
    if (!parent.valid())
        return {};
    const QByteArray name = relative.mid(slash + 1).toUtf8();
    // O_NONBLOCK: opening a FIFO swapped in after the scan must not hang; the S_ISREG check then refuses it.
    UniqueFd file(::openat(parent.get(), name.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (!file.valid())
        return {};
    struct stat info { };
    if (::fstat(file.get(), &info) != 0)
        return {};
    if (!S_ISREG(info.st_mode)) {
        errno = EINVAL;
        return {};
    }
    const int flags = ::fcntl(file.get(), F_GETFL);
    if (flags < 0 || ::fcntl(file.get(), F_SETFL, flags & ~O_NONBLOCK) != 0)
        return {};
    return file;
}

UniqueFd createFileIn(int dirFd, QStringView name)
{
    return UniqueFd(
        ::openat(dirFd, name.toUtf8().constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
}

bool writeAll(int fd, const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t written = ::write(fd, data, size);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += written;
        size -= static_cast<std::size_t>(written);
    }
    return true;
}

qint64 readSome(int fd, char* data, std::size_t size)
{
    for (;;) {
        const ssize_t got = ::read(fd, data, size);
        if (got >= 0 || errno != EINTR)
            return got;
    }
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

bool isLocalFailure(int error)
{
    switch (error) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
    case EIO:
    case EROFS:
    case ENOMEM:
    case EMFILE:
    case ENFILE:
        return true;
    default:
        return false;
    }
}

} // namespace capaudit::safefs
