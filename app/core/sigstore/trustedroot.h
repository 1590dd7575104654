// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/certificate.h"
#include "crypto/publickey.h"
#include "util/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace capaudit::sigstore {

// A closed interval [start, end] (Sigstore's TimeRange); an unset end is open-ended.
struct TimeRange {
    QDateTime start; // required in trusted roots
    std::optional<QDateTime> end;
    bool contains(const QDateTime& time) const;
    QString toString() const; // "2021-01-12T11:53:27Z .. (open)"
};

// A transparency-log (or CT log) key with the id it is known by. ORIGIN is the name the log signs its checkpoints
// with: the host of the log's base URL for Sigstore ("rekor.sigstore.dev"); a checkpoint's origin line must equal it
// or, for sharded Rekor v1 logs, start with "<origin> - ". Empty ORIGIN: the name is not checked.
struct LogKey {
    crypto::PublicKey key; // null when the trusted root lists a key this build cannot read
    QByteArray logId;
    QString origin;
    TimeRange validity;
    QString baseUrl;
    QString keyProblem; // why KEY is null
};

// A certificate authority (Fulcio) or timestamp authority: CHAIN is leaf-most first, root last.
struct CertificateAuthority {
    QString uri;
    QString subject; // "O=sigstore.dev, CN=sigstore"
    QList<crypto::Certificate> chain;
    TimeRange validity;
};

struct TrustedRoot {
    QString fileName;
    QList<LogKey> tlogs;
    QList<CertificateAuthority> certificateAuthorities;
    QList<LogKey> ctlogs;
    QList<CertificateAuthority> timestampAuthorities;
};

// trusted_root.json (sigstore_trustroot.proto). A validFor without a start is rejected, not taken as unbounded.
Result<TrustedRoot> parseTrustedRoot(const QByteArray& json, const QString& fileName);

// "https://rekor.sigstore.dev" -> "rekor.sigstore.dev", "http://localhost:8000" -> "localhost:8000"
QString originFromBaseUrl(const QString& baseUrl);

} // namespace capaudit::sigstore
