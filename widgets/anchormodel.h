// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/casestore.h"

#include <QAbstractTableModel>

namespace capaudit {

// The trust anchors of a case; removed anchors stay listed (greyed) when the caller includes them.
class AnchorModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        LabelColumn,
        RoleColumn,
        KindColumn,
        SubjectColumn,
        FingerprintColumn,
        ValidFromColumn,
        ValidToColumn,
        StatusColumn,
        ColumnCount
    };
    enum Roles {
        FingerprintRole = Qt::UserRole,
        ActiveRole, // bool
        AnchorIdRole,
    };

    explicit AnchorModel(QObject* parent = nullptr);

    void setAnchors(const QList<CaseAnchor>& anchors);
    const CaseAnchor& anchor(int row) const
    {
        return m_anchors.at(row);
    }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString kindText(TrustAnchor::Kind kind);

private:
    QList<CaseAnchor> m_anchors;
};

} // namespace capaudit
