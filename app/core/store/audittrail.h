// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace capaudit {

namespace sql {
class Database;
}

// Actions the store itself records; other layers add their own ("policy-changed", "report-exported").
namespace trail {
inline constexpr auto kCaseCreated = "case-created";
inline constexpr auto kAnchorAdded = "trust-anchor-added";
inline constexpr auto kAnchorRemoved = "trust-anchor-removed";
inline constexpr auto kImport = "import";
inline constexpr auto kImportRejected = "import-rejected";
inline constexpr auto kImportRefused = "import-refused-untrusted";
inline constexpr auto kImportFailed = "import-failed";
inline constexpr auto kCaseVerified = "case-verified";
inline constexpr auto kMigration = "schema-migration"; // a schema migration that changed what the case says
inline constexpr auto kCaseUpgraded = "case-upgraded"; // `case upgrade`: samples into blocks, old evidence compressed
} // namespace trail

// One entry of the append-only audit trail. hash = SHA-256(prevHash bytes || canonicalBytes()), see docs/case-file.md.
struct TrailEntry {
    qint64 seq = 0; // 1, 2, 3 … without gaps
    QString time; // ISO 8601 UTC with milliseconds, as stored
    QString user; // OS account that ran the action
    QString action;
    QJsonObject details;
    QString prevHash; // hex; 64 zeros for the first entry
    QString hash; // hex

    // The exact bytes hashed after the previous hash: compact JSON with sorted keys
    // {"action":…,"details":{…},"seq":…,"time":…,"user":…}.
    QByteArray canonicalBytes() const;
    QString computeHash() const; // from prevHash and canonicalBytes()
};

QString genesisHash(); // 64 zeros
QString currentOsUser();

// Appends an entry chained to the last one. Runs inside the caller's transaction when there is one, else in its own.
Result<TrailEntry> appendTrailEntry(sql::Database& db, const QString& action, const QJsonObject& details);

// Entries with seq >= FROMSEQ, oldest first; LIMIT < 0: all.
Result<QList<TrailEntry>> readTrail(sql::Database& db, qint64 fromSeq = 1, qint64 limit = -1);

struct ChainCheck {
    qint64 entries = 0;
    qint64 firstBrokenSeq = 0; // 0: intact
    QString problem; // what is wrong with the first broken entry
};
// Recomputes every hash and link; reports the first entry whose stored values do not match.
Result<ChainCheck> verifyTrailChain(sql::Database& db);

} // namespace capaudit
