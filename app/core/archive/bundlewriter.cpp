// SPDX-License-Identifier: GPL-3.0-or-later
#include "archive/bundlewriter.h"

#include "archive/archiveformat.h"
#include "archive/bundletree.h"
#include "archive/safefs.h"
#include "archive/utf8locale.h"

#include <QSaveFile>
#include <QSet>

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <memory>

namespace capaudit {

namespace {

constexpr qsizetype kCopyBlockBytes = 1 << 20;

struct ArchiveWriteDeleter {
    void operator()(archive* a) const
    {
        archive_write_free(a);
    }
};
struct EntryDeleter {
    void operator()(archive_entry* e) const
    {
        archive_entry_free(e);
    }
};

la_ssize_t writeToSaveFile(archive*, void* clientData, const void* buffer, size_t length)
{
    auto* out = static_cast<QSaveFile*>(clientData);
    return static_cast<la_ssize_t>(out->write(static_cast<const char*>(buffer), static_cast<qint64>(length)));
}

// Every path in sorted order, each directory once before the first file inside it.
std::vector<std::pair<QString, const TreeFile*>> orderedEntries(const std::vector<TreeFile>& files)
{
    std::vector<std::pair<QString, const TreeFile*>> entries;
    QSet<QString> directories;
    for (const TreeFile& file : files) {
        qsizetype slash = file.path.indexOf(QLatin1Char('/'));
        while (slash > 0) {
            const QString directory = file.path.left(slash);
            if (!directories.contains(directory)) {
                directories.insert(directory);
                entries.emplace_back(directory, nullptr);
            }
            slash = file.path.indexOf(QLatin1Char('/'), slash + 1);
        }
        entries.emplace_back(file.path, &file);
    }
    return entries;
}

class Writer {
public:
    Writer(const QString& sourceDir, const QString& archivePath)
        : m_source(sourceDir)
        , m_target(archivePath)
    {
    }

    Status write(ArchiveFormat format, const std::vector<TreeFile>& files);

private:
    Status setUp(ArchiveFormat format, QSaveFile* out);
    Status writeFileData(int rootFd, const TreeFile& file);
    Error archiveError(const QString& field) const
    {
        const char* message = archive_error_string(m_archive.get());
        return Error(m_target, 0, field,
            QStringLiteral("cannot write archive: %1")
                .arg(message ? QString::fromUtf8(message) : QStringLiteral("unknown error")));
    }

    QString m_source;
    QString m_target;
    std::unique_ptr<archive, ArchiveWriteDeleter> m_archive;
};

Status Writer::setUp(ArchiveFormat format, QSaveFile* out)
{
    m_archive.reset(archive_write_new());
    archive* a = m_archive.get();
    if (!a)
        return Error(m_target, QStringLiteral("cannot initialise libarchive"));
    int status = ARCHIVE_OK;
    if (format == ArchiveFormat::Zip) {
        status = archive_write_set_format_zip(a);
        // UTF-8 names with the zip "language encoding" flag, whatever the process locale.
        if (status == ARCHIVE_OK)
            status = archive_write_set_format_option(a, "zip", "hdrcharset", "UTF-8");
        if (status == ARCHIVE_OK)
            status = archive_write_add_filter_none(a);
    } else {
        // pax only adds extended headers when ustar cannot hold a name (long or non-ASCII).
        status = archive_write_set_format_pax_restricted(a);
        if (status == ARCHIVE_OK && format == ArchiveFormat::TarGzip) {
            status = archive_write_add_filter_gzip(a);
            if (status == ARCHIVE_OK)
                status = archive_write_set_filter_option(a, "gzip", "timestamp", nullptr);
        } else if (status == ARCHIVE_OK) {
            status = archive_write_add_filter_none(a);
        }
    }
    // Tar keeps its conventional 10240-byte records; compressed and zip output are not padded.
    if (status == ARCHIVE_OK && format != ArchiveFormat::Tar)
        status = archive_write_set_bytes_in_last_block(a, 1);
    if (status == ARCHIVE_OK)
        status = archive_write_open2(a, out, nullptr, writeToSaveFile, nullptr, nullptr);
    if (status != ARCHIVE_OK)
        return archiveError(QString());
    return Status::success();
}

Status Writer::write(ArchiveFormat format, const std::vector<TreeFile>& files)
{
    QSaveFile out(m_target);
    if (!out.open(QIODevice::WriteOnly))
        return Error(m_target, QStringLiteral("cannot create archive: %1").arg(out.errorString()));
    if (Status ready = setUp(format, &out); !ready)
        return ready;
    const safefs::UniqueFd rootFd = safefs::openRoot(m_source);
    if (!rootFd.valid())
        return Error(m_source, QStringLiteral("cannot open bundle directory: %1").arg(safefs::errnoText(errno)));

    const std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
    for (const auto& [path, file] : orderedEntries(files)) {
        archive_entry_clear(entry.get());
        const QByteArray name = file ? path.toUtf8() : path.toUtf8() + '/';
        archive_entry_copy_pathname(entry.get(), name.constData()); // UTF-8 is the locale form here
        archive_entry_set_filetype(entry.get(), file ? AE_IFREG : AE_IFDIR);
        archive_entry_set_perm(entry.get(), file ? 0644 : 0755);
        archive_entry_set_size(entry.get(), file ? file->size : 0);
        archive_entry_set_mtime(entry.get(), 0, 0);
        archive_entry_set_uid(entry.get(), 0);
        archive_entry_set_gid(entry.get(), 0);
        if (archive_write_header(m_archive.get(), entry.get()) != ARCHIVE_OK)
            return archiveError(path);
        if (file) {
            if (Status copied = writeFileData(rootFd.get(), *file); !copied)
                return copied;
        }
    }
    if (archive_write_close(m_archive.get()) != ARCHIVE_OK)
        return archiveError(QString());
    if (!out.commit())
        return Error(m_target, QStringLiteral("cannot write archive: %1").arg(out.errorString()));
    return Status::success();
}

Status Writer::writeFileData(int rootFd, const TreeFile& file)
{
    const safefs::UniqueFd in = safefs::openFileBeneath(rootFd, file.path);
    if (!in.valid())
        return Error(
            m_source, 0, file.path, QStringLiteral("cannot open '%1': %2").arg(file.path, safefs::errnoText(errno)));
    QByteArray buffer(kCopyBlockBytes, Qt::Uninitialized);
    qint64 copied = 0;
    for (;;) {
        const qint64 got = safefs::readSome(in.get(), buffer.data(), static_cast<size_t>(buffer.size()));
        if (got < 0)
            return Error(m_source, 0, file.path,
                QStringLiteral("cannot read '%1': %2").arg(file.path, safefs::errnoText(errno)));
        if (got == 0)
            break;
        // The header already promised file.size bytes; a file that grew must not overrun it.
        if (copied + got > file.size)
            break;
        if (archive_write_data(m_archive.get(), buffer.constData(), static_cast<size_t>(got)) != got)
            return archiveError(file.path);
        copied += got;
    }
    if (copied != file.size)
        return Error(
            m_source, 0, file.path, QStringLiteral("file '%1' changed while it was being archived").arg(file.path));
    return Status::success();
}

} // namespace

Status writeBundleArchive(const QString& sourceDir, const QString& archivePath)
{
    const std::optional<ArchiveFormat> format = archiveFormatForPath(archivePath);
    if (!format)
        return Error(archivePath,
            QStringLiteral("unsupported archive type: expected .tar, .tar.gz, .tgz, .zip or "
                           ".capbundle"));
    const Utf8LocaleScope utf8;
    Result<std::vector<TreeFile>> files = scanDirectory(sourceDir, ArchiveLimits {});
    if (!files)
        return files.error();
    return Writer(sourceDir, archivePath).write(*format, *files);
}

} // namespace capaudit
