// SPDX-License-Identifier: GPL-3.0-or-later
#include "archive/bundlesource.h"

#include "archive/archiveextractor.h"
#include "archive/bundletree.h"
#include "archive/safefs.h"
#include "crypto/digest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QTemporaryDir>

#include <cerrno>
#include <sys/stat.h>

namespace capaudit {

namespace {

constexpr qsizetype kHashBlockBytes = 1 << 20;

struct FileMeta {
    qint64 size = 0;
    QByteArray sha256;
};

} // namespace

struct BundleSource::Private {
    QString path;
    QString root;
    std::unique_ptr<QTemporaryDir> tempDir; // archives only; its destructor removes the extracted tree
    std::shared_ptr<const Private> origin; // a copy with known digests keeps the source whose tree it reads
    QStringList files;
    QHash<QString, FileMeta> meta;
    qint64 totalBytes = 0;
    QSet<QString> stored; // listed, not in the tree (withStoredFiles)
    StoredHash storedHash;
};

BundleSource::BundleSource()
    : d(std::make_shared<const Private>())
{
}

BundleSource::BundleSource(std::shared_ptr<const Private> data)
    : d(std::move(data))
{
}

Result<BundleSource> BundleSource::open(const QString& path, const ArchiveLimits& limits)
{
    auto data = std::make_shared<Private>();
    data->path = path;
    struct stat info { };
    if (path.isEmpty() || ::stat(QFile::encodeName(path).constData(), &info) != 0)
        return Error(
            path, QStringLiteral("cannot open bundle: %1").arg(safefs::errnoText(path.isEmpty() ? ENOENT : errno)));

    std::vector<TreeFile> tree;
    if (S_ISDIR(info.st_mode)) {
        data->root = QFileInfo(path).absoluteFilePath();
        Result<std::vector<TreeFile>> scanned = scanDirectory(path, limits);
        if (!scanned)
            return scanned.error();
        tree = std::move(scanned).value();
    } else {
        const std::optional<ArchiveFormat> format = archiveFormatForPath(path);
        if (!format)
            return Error(path,
                QStringLiteral("not a bundle: expected a directory or a .tar, .tar.gz, .tgz, .zip or "
                               ".capbundle file"));
        auto tempDir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/capaudit-bundle-XXXXXX"));
        // Failures to make room for the extraction are this machine's, never the bundle's.
        if (!tempDir->isValid())
            return Error(path, QStringLiteral("cannot create a temporary directory: %1").arg(tempDir->errorString()))
                .markedLocal();
        // QTemporaryDir already creates 0700; make the guarantee explicit rather than inherited.
        const QByteArray tempPath = QFile::encodeName(tempDir->path());
        const safefs::UniqueFd destFd = safefs::openRoot(tempDir->path());
        if (::chmod(tempPath.constData(), 0700) != 0 || !destFd.valid())
            return Error(
                path, QStringLiteral("cannot prepare the temporary directory: %1").arg(safefs::errnoText(errno)))
                .markedLocal();
        // On failure tempDir goes out of scope here and takes any partial output with it.
        Result<std::vector<TreeFile>> extracted = extractArchive(path, *format, destFd.get(), limits);
        if (!extracted)
            return extracted.error();
        tree = std::move(extracted).value();
        data->root = tempDir->path();
        data->tempDir = std::move(tempDir);
    }

    data->files.reserve(static_cast<qsizetype>(tree.size()));
    data->meta.reserve(static_cast<qsizetype>(tree.size()));
    for (TreeFile& file : tree) {
        data->totalBytes += file.size;
        data->files.append(file.path);
        data->meta.insert(file.path, FileMeta { file.size, std::move(file.sha256) });
    }
    return BundleSource(std::move(data));
}

QString BundleSource::path() const
{
    return d->path;
}

QString BundleSource::root() const
{
    return d->root;
}

bool BundleSource::isArchive() const
{
    return d->tempDir != nullptr;
}

QStringList BundleSource::files() const
{
    return d->files;
}

bool BundleSource::contains(const QString& relative) const
{
    return d->meta.contains(relative);
}

QString BundleSource::absolutePath(const QString& relative) const
{
    return contains(relative) && !d->stored.contains(relative) ? d->root + QLatin1Char('/') + relative : QString();
}

namespace {

// Opens a file the bundle listed, through the safe resolver; ERROR gets a reason on failure.
safefs::UniqueFd openListed(const QString& root, const QString& relative, QString* error)
{
    const safefs::UniqueFd rootFd = safefs::openRoot(root);
    safefs::UniqueFd file = rootFd.valid() ? safefs::openFileBeneath(rootFd.get(), relative) : safefs::UniqueFd();
    if (!file.valid())
        *error = QStringLiteral("cannot open '%1': %2").arg(relative, safefs::errnoText(errno));
    return file;
}

} // namespace

Result<QByteArray> BundleSource::readFile(const QString& relative, qint64 maxBytes) const
{
    const auto it = d->meta.constFind(relative);
    if (it == d->meta.constEnd())
        return Error(d->path, 0, relative, QStringLiteral("bundle has no file '%1'").arg(relative));
    if (d->stored.contains(relative))
        return Error(d->path, 0, relative, QStringLiteral("'%1' is kept in the case, not in this tree").arg(relative));
    QString reason;
    const safefs::UniqueFd file = openListed(d->root, relative, &reason);
    if (!file.valid())
        return Error(d->path, 0, relative, reason);
    struct stat info { };
    if (::fstat(file.get(), &info) != 0)
        return Error(
            d->path, 0, relative, QStringLiteral("cannot read '%1': %2").arg(relative, safefs::errnoText(errno)));
    if (info.st_size > maxBytes)
        return Error(d->path, 0, relative,
            QStringLiteral("file '%1' is %2 bytes, more than the %3-byte limit")
                .arg(relative)
                .arg(info.st_size)
                .arg(maxBytes));
    QByteArray bytes(static_cast<qsizetype>(info.st_size), Qt::Uninitialized);
    qint64 filled = 0;
    while (filled < bytes.size()) {
        const qint64 got =
            safefs::readSome(file.get(), bytes.data() + filled, static_cast<size_t>(bytes.size() - filled));
        if (got < 0)
            return Error(
                d->path, 0, relative, QStringLiteral("cannot read '%1': %2").arg(relative, safefs::errnoText(errno)));
        if (got == 0)
            break;
        filled += got;
    }
    if (filled != info.st_size)
        return Error(d->path, 0, relative, QStringLiteral("file '%1' changed while it was being read").arg(relative));
    return bytes;
}

Result<QByteArray> BundleSource::sha256(const QString& relative) const
{
    const auto it = d->meta.constFind(relative);
    if (it == d->meta.constEnd())
        return Error(d->path, 0, relative, QStringLiteral("bundle has no file '%1'").arg(relative));
    if (!it->sha256.isEmpty())
        return it->sha256;
    return hashTree(relative, crypto::HashAlgorithm::Sha256);
}

Result<QByteArray> BundleSource::hash(const QString& relative, crypto::HashAlgorithm algorithm) const
{
    if (!d->meta.contains(relative))
        return Error(d->path, 0, relative, QStringLiteral("bundle has no file '%1'").arg(relative));
    if (algorithm == crypto::HashAlgorithm::Sha256)
        return sha256(relative);
    if (d->stored.contains(relative))
        return d->storedHash ? d->storedHash(relative, algorithm)
                             : Result<QByteArray>(Error(d->path, 0, relative, QStringLiteral("no reader")));
    return hashTree(relative, algorithm);
}

Result<QByteArray> BundleSource::hashTree(const QString& relative, crypto::HashAlgorithm algorithm) const
{
    QString reason;
    const safefs::UniqueFd file = openListed(d->root, relative, &reason);
    if (!file.valid())
        return Error(d->path, 0, relative, reason);
    crypto::Hasher hasher(algorithm);
    QByteArray buffer(kHashBlockBytes, Qt::Uninitialized);
    for (;;) {
        const qint64 got = safefs::readSome(file.get(), buffer.data(), static_cast<size_t>(buffer.size()));
        if (got < 0)
            return Error(
                d->path, 0, relative, QStringLiteral("cannot read '%1': %2").arg(relative, safefs::errnoText(errno)));
        if (got == 0)
            break;
        hasher.add(QByteArrayView(buffer.constData(), got));
    }
    return hasher.finish();
}

qint64 BundleSource::totalBytes() const
{
    return d->totalBytes;
}

std::shared_ptr<BundleSource::Private> BundleSource::derived() const
{
    auto data = std::make_shared<Private>();
    data->path = d->path;
    data->root = d->root;
    data->files = d->files;
    data->meta = d->meta;
    data->totalBytes = d->totalBytes;
    data->stored = d->stored;
    data->storedHash = d->storedHash;
    data->origin = d; // an extracted tree lives as long as its source
    return data;
}

BundleSource BundleSource::withKnownSha256(const QMap<QString, QByteArray>& digests) const
{
    std::shared_ptr<Private> data = derived();
    for (auto it = digests.cbegin(); it != digests.cend(); ++it) {
        const auto known = data->meta.find(it.key());
        if (known != data->meta.end())
            known->sha256 = it.value();
    }
    return BundleSource(std::move(data));
}

BundleSource BundleSource::withStoredFiles(const QMap<QString, StoredFile>& files, StoredHash hash) const
{
    std::shared_ptr<Private> data = derived();
    std::vector<TreeFile> tree;
    for (const QString& name : std::as_const(d->files))
        tree.push_back(TreeFile { name, 0, {} });
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (data->meta.contains(it.key()))
            continue;
        data->meta.insert(it.key(), FileMeta { it->size, it->sha256 });
        data->stored.insert(it.key());
        data->totalBytes += it->size;
        tree.push_back(TreeFile { it.key(), 0, {} });
    }
    sortTree(tree); // the order every listing has: by UTF-8 bytes
    data->files.clear();
    for (const TreeFile& f : tree)
        data->files.append(f.path);
    data->storedHash = std::move(hash);
    return BundleSource(std::move(data));
}

} // namespace capaudit
