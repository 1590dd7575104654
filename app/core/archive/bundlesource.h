// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "archive/archiveformat.h"
#include "archive/archivelimits.h"
#include "crypto/digest.h"
#include "util/result.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace capaudit {

// A bundle on disk: a directory, or the same tree as .tar, .tar.gz/.tgz, .zip or .capbundle (a zip).
//   envelope.dsse.json | envelope.sigstore.json, certs/chain.pem, data/**, tlog/proof.json
// Archives are extracted once, with every name, type and size checked (see archiveextractor.h), into a private
// temporary directory (mode 0700, under QDir::tempPath()) that is removed when the last copy of the BundleSource goes,
// or at once when open() fails. Names are matched exactly; names differing only in case are refused at open().
class BundleSource {
public:
    BundleSource(); // empty: no files
    static Result<BundleSource> open(const QString& path, const ArchiveLimits& limits = {});

    QString path() const; // as given to open()
    QString root() const; // the original directory, or the private temporary directory
    bool isArchive() const;
    QStringList files() const; // every regular file, relative with '/', sorted by UTF-8 bytes
    bool contains(const QString& relative) const;
    QString absolutePath(const QString& relative) const; // empty when !contains(relative)
    // Refuses files larger than MAXBYTES. Never follows a symlink, even one planted after open().
    Result<QByteArray> readFile(const QString& relative, qint64 maxBytes = 64LL << 20) const;
    // Raw SHA-256: computed while extracting for archives; streamed from disk on each call for directories.
    Result<QByteArray> sha256(const QString& relative) const;
    qint64 totalBytes() const; // sum of the file sizes
    // This source with the SHA-256 of some files already known, so sha256() does not read them again: only for a tree
    // the caller wrote itself into a private directory and hashed on the way (verify-case's copy of a stored bundle).
    // A name that is not a file of the source is ignored.
    BundleSource withKnownSha256(const QMap<QString, QByteArray>& digests) const;

    // Files kept elsewhere than the tree (verify-case leaves a stored bundle's data files in the case instead of
    // writing them out): listed with their size and SHA-256 beside the tree's own files; any other digest is asked of
    // HASH. readFile() refuses them and absolutePath() is empty. A name the tree has already is ignored.
    struct StoredFile {
        qint64 size = 0;
        QByteArray sha256;
    };
    using StoredHash = std::function<Result<QByteArray>(const QString& relative, crypto::HashAlgorithm algorithm)>;
    BundleSource withStoredFiles(const QMap<QString, StoredFile>& files, StoredHash hash) const;
    // The file's digest with ALGORITHM: sha256() for SHA-256, else streamed from the tree (never through a symlink)
    // or asked of a stored file's StoredHash.
    Result<QByteArray> hash(const QString& relative, crypto::HashAlgorithm algorithm) const;

private:
    Result<QByteArray> hashTree(const QString& relative, crypto::HashAlgorithm algorithm) const;

    struct Private;
    std::shared_ptr<Private> derived() const; // a copy that keeps this source's tree alive
    explicit BundleSource(std::shared_ptr<const Private> d);
    std::shared_ptr<const Private> d;
};

} // namespace capaudit
