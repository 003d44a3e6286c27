package api

import (
	"crypto/rand"
	"slices"
	"sync"
	"time"
)

// Prefixes of the ids the two API families create.
const (
	customerAccountPrefix = "banh_"
	bankAccountPrefix     = "ba_"
	idRandomLen           = 16
)

// store holds every customer and account in memory, under one lock. Its
// customerID arguments name the merchant too (Server.customerKey).
type store struct {
	mu             sync.RWMutex
	customers      map[string]*customer
	accounts       int // held in total
	perCustomerCap int
	totalCap       int     // of the accounts, and of the customers
	decide         decider // outcome of each penny drop; called under the lock
}

// customer keeps its accounts in order and by id, and its pinned x-routing-id.
type customer struct {
	order     []*account
	byID      map[string]*account
	routingID string
}

// Errors of store operations; handlers map them to responses.
type storeErr int

const (
	storeOK storeErr = iota
	storeNotFound
	storeCustomerFull
	storeFull
	storePending
	storeRoutingMismatch
)

// addCustomer makes a customer exist; false when the store is full.
func (s *store) addCustomer(customerID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.customerLocked(customerID) != nil
}

// customerLocked finds or makes a customer (nil when full), under s.mu.
func (s *store) customerLocked(customerID string) *customer {
	c, ok := s.customers[customerID]
	if !ok && len(s.customers) < s.totalCap {
		c = &customer{byID: map[string]*account{}}
		s.customers[customerID] = c
	}
	return c
}

// add stores a with a fresh id (prefix...) and returns a copy, starting a
// penny drop with validate; a customer's first account pins routingID.
func (s *store) add(key string, a *account, routingID, prefix string, now time.Time, validate bool, delay time.Duration) (account, storeErr) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.customerLocked(key)
	switch {
	case c == nil:
		return account{}, storeFull
	case c.routingID != "" && routingID != "" && routingID != c.routingID:
		return account{}, storeRoutingMismatch
	case len(c.order) >= s.perCustomerCap:
		return account{}, storeCustomerFull
	case s.accounts >= s.totalCap:
		return account{}, storeFull
	}
	for a.id == "" || c.byID[a.id] != nil {
		a.id = prefix + randomAlnum(idRandomLen)
	}
	a.created = timestamp(now)
	a.amount = defaultValidationAmount
	if validate {
		a.startValidation(now, defaultValidationAmount, delay, s.decide)
	}
	s.accounts++
	c.order = append(c.order, a)
	c.byID[a.id] = a
	if c.routingID == "" {
		c.routingID = routingID
	}
	return *a, storeOK
}

// routing refuses a routingID (if any) other than the customer's pinned one.
func (s *store) routing(key, routingID string) storeErr {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if c, ok := s.customers[key]; ok && c.routingID != "" && routingID != "" && routingID != c.routingID {
		return storeRoutingMismatch
	}
	return storeOK
}

// rename gives the customer's account from the id to, unless to is taken.
func (s *store) rename(customerID, from, to string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, a, err := s.find(customerID, from, nil)
	if err != storeOK {
		return false
	}
	if _, taken := c.byID[to]; taken {
		return from == to
	}
	delete(c.byID, from)
	a.id = to
	c.byID[to] = a
	return true
}

// get returns a copy of the account; keep filters it (nil keeps all).
func (s *store) get(customerID, id string, keep func(*account) bool) (account, storeErr) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, a, err := s.find(customerID, id, keep)
	if err != storeOK {
		return account{}, err
	}
	return *a, storeOK
}

// find returns the customer and its account id if keep (nil: all) admits it.
func (s *store) find(customerID, id string, keep func(*account) bool) (*customer, *account, storeErr) {
	c, ok := s.customers[customerID]
	if !ok {
		return nil, nil, storeNotFound
	}
	a, ok := c.byID[id]
	if !ok || (keep != nil && !keep(a)) {
		return nil, nil, storeNotFound
	}
	return c, a, storeOK
}

// list returns copies of the customer's accounts that keep admits from offset
// (at most count; <= 0: all), in creation order, and how many keep admits.
func (s *store) list(customerID string, keep func(*account) bool, offset, count int) ([]account, int, storeErr) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.customers[customerID]
	if !ok {
		return nil, 0, storeNotFound
	}
	size := len(c.order) // a page's worth: a list of 10 of 1,000 copies 10
	if count > 0 {
		size = min(size, count)
	}
	out := make([]account, 0, size)
	total := 0
	for _, a := range c.order {
		if keep != nil && !keep(a) {
			continue
		}
		if total >= offset && (count <= 0 || len(out) < count) {
			out = append(out, *a)
		}
		total++
	}
	return out, total, storeOK
}

// validate starts a penny drop decided by decide (nil: the store's); a copy.
func (s *store) validate(customerID, id string, keep func(*account) bool, now time.Time, amount string, delay time.Duration, decide decider) (account, storeErr) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, a, err := s.find(customerID, id, keep)
	if err != storeOK {
		return account{}, err
	}
	if decide == nil {
		decide = s.decide
	}
	if !a.startValidation(now, amount, delay, decide) {
		return *a, storePending
	}
	return *a, storeOK
}

// remove deletes the account from its customer (the customer stays).
func (s *store) remove(customerID, id string, keep func(*account) bool) storeErr {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, a, err := s.find(customerID, id, keep)
	if err != storeOK {
		return err
	}
	delete(c.byID, id)
	c.order = slices.DeleteFunc(c.order, func(x *account) bool { return x == a })
	s.accounts--
	return storeOK
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// randomAlnum returns n uniformly random alphanumerics from crypto/rand.
func randomAlnum(n int) string {
	out := make([]byte, 0, n)
	var buf [32]byte
	for len(out) < n {
		_, _ = rand.Read(buf[:]) // never fails (Go 1.24+)
		for _, b := range buf {
			if b < 248 && len(out) < n { // 248 = 4*62: no modulo bias
				out = append(out, alnum[b%62])
			}
		}
	}
	return string(out)
}
