package form

import (
	"errors"
	"strconv"
	"strings"
)

// maxExponent bounds the exponent Decimal expands, so "1e999999999" cannot
// make it allocate gigabytes.
const maxExponent = 64

// Decimal rewrites a JSON number as a plain decimal, exactly: "1e6" ->
// "1000000", "5E-1" -> "0.5", "1.50" -> "1.5", "-0" -> "0". Trailing
// fractional zeros and leading integer zeros are dropped. It never goes
// through a binary float, so no digit is ever rounded.
func Decimal(s string) (string, error) {
	if s == "" {
		return "", errors.New("empty number")
	}
	orig := s
	neg := false
	if s[0] == '-' {
		neg = true
		s = s[1:]
	}
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		e := s[i+1:]
		// One optional sign, then digits only: JSON's exponent grammar.
		// strconv.Atoi alone would also take "+-0" once a '+' is cut off.
		digits := e
		if digits != "" && (digits[0] == '+' || digits[0] == '-') {
			digits = digits[1:]
		}
		if !allDigits(digits) {
			return "", errors.New("invalid number " + strconv.Quote(orig))
		}
		n, err := strconv.Atoi(strings.TrimPrefix(e, "+"))
		if err != nil {
			return "", errors.New("invalid number " + strconv.Quote(orig))
		}
		if n > maxExponent || n < -maxExponent {
			return "", errors.New("exponent out of range in " + strconv.Quote(orig))
		}
		exp = n
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
		if frac == "" {
			return "", errors.New("invalid number " + strconv.Quote(orig))
		}
	}
	if intPart == "" || !allDigits(intPart) || !allDigits(frac) {
		return "", errors.New("invalid number " + strconv.Quote(orig))
	}
	// digits with the decimal point after position point.
	digits := intPart + frac
	point := len(intPart) + exp
	if point < 0 {
		digits = strings.Repeat("0", -point) + digits
		point = 0
	}
	if point > len(digits) {
		digits += strings.Repeat("0", point-len(digits))
	}
	ip := strings.TrimLeft(digits[:point], "0")
	fp := strings.TrimRight(digits[point:], "0")
	if ip == "" {
		ip = "0"
	}
	out := ip
	if fp != "" {
		out += "." + fp
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
