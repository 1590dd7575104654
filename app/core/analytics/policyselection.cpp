// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/policyselection.h"

#include "store/casestore.h"
#include "util/jsonutil.h"

#include <QFileInfo>

namespace capaudit::analytics {

Result<Policy> selectPolicy(CaseStore& store, const QString& file)
{
    Result<Policy> policy = Error(QString());
    if (!file.isEmpty()) {
        policy = loadPolicyFile(file);
    } else {
        Result<std::optional<CaseDocument>> stored = store.latestDocument(QStringLiteral("policy"));
        if (!stored)
            return stored.error();
        policy = stored->has_value()
            ? parsePolicy(canonicalJson((*stored)->content), store.info().path + QStringLiteral(" (stored policy)"))
            : Result<Policy>(defaultPolicy());
    }
    if (!policy)
        return policy.error();
    if (QFileInfo(store.info().path).isWritable())
        if (Result<CaseDocument> saved = store.saveDocument(QStringLiteral("policy"), QString(), policy->toJson());
            !saved)
            return saved.error();
    return policy;
}

} // namespace capaudit::analytics
