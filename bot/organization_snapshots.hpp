// The organization as the service holds it: an immutable snapshot that the console's edits and
// imports replace as a whole. A unit of work (one message, one timer chunk, one API request) takes
// current() once and keeps that shared_ptr until it is done, so it never sees half an edit and an
// old snapshot lives exactly as long as the last piece of work that reads it.
#pragma once

#include <atomic>
#include <memory>

#include "handlers/organization.hpp"

namespace gridbot {

class OrganizationSnapshots {
 public:
  explicit OrganizationSnapshots(std::shared_ptr<const Organization> first) : current_(std::move(first)) {}
  OrganizationSnapshots(const OrganizationSnapshots&) = delete;
  OrganizationSnapshots& operator=(const OrganizationSnapshots&) = delete;

  std::shared_ptr<const Organization> current() const { return current_.load(std::memory_order_acquire); }
  // Work started after this sees `next`; work in progress keeps the snapshot it took.
  void replace(std::shared_ptr<const Organization> next) { current_.store(std::move(next), std::memory_order_release); }

 private:
  std::atomic<std::shared_ptr<const Organization>> current_;
};

}  // namespace gridbot
