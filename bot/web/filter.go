package web

import (
	"fmt"
	"net/url"
	"strconv"
	"time"
	"unicode/utf8"
)

// The query parameters of a filter; dates are UTC days, until included.
const (
	dateLayout   = "2006-01-02"
	maxTextChars = 200
	maxLimit     = 500
)

// flags are the filter's flags by query parameter.
var flags = []struct {
	key string
	get func(*Filter) *bool
}{
	{"neg", func(f *Filter) *bool { return &f.NegativeFeedback }},
	{"unverified", func(f *Filter) *bool { return &f.Unverified }},
	{"failure", func(f *Filter) *bool { return &f.ModelFailure }},
	{"declined", func(f *Filter) *bool { return &f.Declined }},
	{"unreviewed", func(f *Filter) *bool { return &f.Unreviewed }},
}

// parseFilter reads a filter from a query: since and until (YYYY-MM-DD,
// both days included), channel, q (words of the question), the flags neg,
// unverified, failure, declined and unreviewed ("1"), before or after (an
// answer ID: the page older or newer than it; not both) and limit.
func parseFilter(v url.Values) (Filter, error) {
	var f Filter
	day := func(key string) (time.Time, error) {
		s := v.Get(key)
		if s == "" {
			return time.Time{}, nil
		}
		t, err := time.Parse(dateLayout, s)
		if err != nil {
			return time.Time{}, fmt.Errorf("%s: %q is not a date (YYYY-MM-DD)", key, s)
		}
		return t, nil
	}
	var err error
	if f.Since, err = day("since"); err != nil {
		return f, err
	}
	if f.Until, err = day("until"); err != nil {
		return f, err
	}
	if !f.Until.IsZero() {
		f.Until = f.Until.AddDate(0, 0, 1) // the day included
	}
	f.Channel = v.Get("channel")
	f.Text = v.Get("q")
	if utf8.RuneCountInString(f.Text) > maxTextChars || utf8.RuneCountInString(f.Channel) > maxTextChars {
		return f, fmt.Errorf("the question text and the channel are at most %d characters", maxTextChars)
	}
	for _, fl := range flags {
		switch v.Get(fl.key) {
		case "":
		case "1", "on", "true":
			*fl.get(&f) = true
		default:
			return f, fmt.Errorf("%s: %q is not 1", fl.key, v.Get(fl.key))
		}
	}
	if s := v.Get("before"); s != "" {
		if f.BeforeID, err = strconv.ParseInt(s, 10, 64); err != nil || f.BeforeID < 1 {
			return f, fmt.Errorf("before: %q is not an answer ID", s)
		}
	}
	if s := v.Get("after"); s != "" {
		if f.AfterID, err = strconv.ParseInt(s, 10, 64); err != nil || f.AfterID < 1 {
			return f, fmt.Errorf("after: %q is not an answer ID", s)
		}
		if f.BeforeID != 0 {
			return f, fmt.Errorf("before and after: a page is older or newer than an answer, not both")
		}
	}
	if s := v.Get("limit"); s != "" {
		if f.Limit, err = strconv.Atoi(s); err != nil || f.Limit < 1 || f.Limit > maxLimit {
			return f, fmt.Errorf("limit: %q is not a number from 1 to %d", s, maxLimit)
		}
	}
	return f, nil
}

// filterValues is the query of f, as parseFilter reads it.
func filterValues(f Filter) url.Values {
	v := periodValues(f)
	if f.Channel != "" {
		v.Set("channel", f.Channel)
	}
	if f.Text != "" {
		v.Set("q", f.Text)
	}
	for _, fl := range flags {
		if *fl.get(&f) {
			v.Set(fl.key, "1")
		}
	}
	if f.BeforeID > 0 {
		v.Set("before", strconv.FormatInt(f.BeforeID, 10))
	}
	if f.AfterID > 0 {
		v.Set("after", strconv.FormatInt(f.AfterID, 10))
	}
	if f.Limit > 0 {
		v.Set("limit", strconv.Itoa(f.Limit))
	}
	return v
}

// periodValues is the query of f's period alone.
func periodValues(f Filter) url.Values {
	v := url.Values{}
	if !f.Since.IsZero() {
		v.Set("since", f.Since.UTC().Format(dateLayout))
	}
	if !f.Until.IsZero() {
		v.Set("until", f.Until.UTC().AddDate(0, 0, -1).Format(dateLayout))
	}
	return v
}

// filterForm is a filter as its form shows it.
type filterForm struct {
	Since, Until, Channel, Text                    string
	Neg, Unverified, Failure, Declined, Unreviewed bool
	Limit                                          int
}

func formOf(f Filter) filterForm {
	v := periodValues(f)
	return filterForm{Since: v.Get("since"), Until: v.Get("until"), Channel: f.Channel, Text: f.Text,
		Neg: f.NegativeFeedback, Unverified: f.Unverified, Failure: f.ModelFailure, Declined: f.Declined,
		Unreviewed: f.Unreviewed, Limit: f.Limit}
}
