#include "mu_sets.h"

namespace reportcheck {

MuSets::~MuSets() {
    for (auto& s : spare_) delete s.exchange(nullptr);
}

size_t MuSets::add(std::string text, size_t slots, MuExpr built) {
    texts_.push_back(std::move(text));
    slots_.push_back(slots);
    first_->push_back(std::move(built));
    return texts_.size() - 1;
}

std::unique_ptr<MuSets::Set> MuSets::take() const {
    // The compiler's own set first: a set run once, on one thread, parses nothing again.
    if (!firstGiven_.exchange(true)) return std::move(first_);
    for (auto& s : spare_)
        if (Set* p = s.exchange(nullptr)) return std::unique_ptr<Set>(p);
    auto set = std::make_unique<Set>(texts_.size());
    for (size_t i = 0; i < texts_.size(); ++i) (*set)[i].build(texts_[i], slots_[i]);
    return set;
}

void MuSets::give(std::unique_ptr<Set> set) const {
    for (auto& s : spare_) {
        Set* expected = nullptr;
        if (s.compare_exchange_strong(expected, set.get())) {
            set.release();
            return;
        }
    }
}

}  // namespace reportcheck
