package composio_test

import (
	"encoding/json"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimestampDecodesISO8601Forms(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	base := utc(2026, 1, 2, 3, 4, 5, 0)
	for in, want := range map[string]time.Time{
		// RFC 3339, as before.
		`"2026-01-02T03:04:05Z"`:           base,
		`"2026-01-02T03:04:05.123Z"`:       utc(2026, 1, 2, 3, 4, 5, 123e6),
		`"2026-01-02T03:04:05.123456789Z"`: utc(2026, 1, 2, 3, 4, 5, 123456789),
		`"2026-01-02T05:04:05+02:00"`:      base,
		`"2026-01-01T22:04:05-05:00"`:      base,
		`"2026-01-02T03:04:05+00:00"`:      base,
		// No zone: UTC.
		`"2026-01-02T03:04:05"`:        base,
		`"2026-01-02T03:04:05.5"`:      utc(2026, 1, 2, 3, 4, 5, 5e8),
		`"2026-01-02T03:04"`:           utc(2026, 1, 2, 3, 4, 0, 0),
		`"2026-01-02"`:                 utc(2026, 1, 2, 0, 0, 0, 0),
		`"2026-01-02 03:04:05.123456"`: utc(2026, 1, 2, 3, 4, 5, 123456e3), // Python's str(datetime)
		// Separators and offsets servers write.
		`"2026-01-02 03:04:05Z"`:            base,
		`"2026-01-02t03:04:05z"`:            base,
		`"2026-01-02T03:04:05+0000"`:        base,
		`"2026-01-02T04:04:05+0100"`:        base,
		`"2026-01-02T04:04:05+01"`:          base,
		`"2026-01-02 03:04:05+00"`:          base, // PostgreSQL
		`"2026-01-02 03:04:05.123456+00"`:   utc(2026, 1, 2, 3, 4, 5, 123456e3),
		`"2026-01-02 03:04:05 +0000"`:       base, // Ruby
		`"2026-01-02 03:04:05 UTC"`:         base,
		`"2026-01-02T03:04:05,25Z"`:         utc(2026, 1, 2, 3, 4, 5, 25e7),
		`"2026-01-02T03:04:05.1234567891Z"`: utc(2026, 1, 2, 3, 4, 5, 123456789),
		`" 2026-01-02T03:04:05Z "`:          base,
		// Basic format.
		`"20260102T030405Z"`:     base,
		`"20260102T040405+0100"`: base,
		`"20260102T0304"`:        utc(2026, 1, 2, 3, 4, 0, 0),
		`"20260102"`:             utc(2026, 1, 2, 0, 0, 0, 0),
		// End of day, and a leap second carried into the next minute.
		`"2026-01-01T24:00:00Z"`: utc(2026, 1, 2, 0, 0, 0, 0),
		`"2016-12-31T23:59:60Z"`: utc(2017, 1, 1, 0, 0, 0, 0),
		// HTTP and JavaScript forms.
		`"Fri, 02 Jan 2026 03:04:05 GMT"`:                                      base,
		`"Fri, 02 Jan 2026 04:04:05 +0100"`:                                    base,
		`"Fri Jan 02 2026 03:04:05 GMT+0000 (Coordinated Universal Time)"`:     base,
		`"Fri Jan 02 2026 04:04:05 GMT+0100 (Central European Standard Time)"`: base,
		// Unix time, by magnitude.
		`1767323045`:           base,
		`1767323045.5`:         utc(2026, 1, 2, 3, 4, 5, 5e8),
		`1767323045123`:        utc(2026, 1, 2, 3, 4, 5, 123e6),
		`1767323045123456`:     utc(2026, 1, 2, 3, 4, 5, 123456e3),
		`1767323045123456789`:  utc(2026, 1, 2, 3, 4, 5, 123456789),
		`1767323045.123456789`: utc(2026, 1, 2, 3, 4, 5, 123456789),
		`1767323045123.5`:      utc(2026, 1, 2, 3, 4, 5, 123500000),
		`1.767323045e9`:        base,
		`-1`:                   utc(1969, 12, 31, 23, 59, 59, 0),
	} {
		var ts composio.Timestamp
		require.NoError(t, json.Unmarshal([]byte(in), &ts), in)
		assert.True(t, want.Equal(ts.Time), "%s: got %v, want %v", in, ts.Time, want)
		assert.False(t, ts.Unparsed(), in)
		assert.False(t, ts.IsZero(), in)
		_, off := ts.Zone()
		if off == 0 {
			assert.Equal(t, time.UTC, ts.Location(), "%s: a zero offset decodes to time.UTC", in)
		}
	}
}

func TestTimestampOffsetsAreFixedZones(t *testing.T) {
	var ts composio.Timestamp
	require.NoError(t, json.Unmarshal([]byte(`"2026-01-02T04:04:05+0130"`), &ts))
	name, off := ts.Zone()
	assert.Equal(t, "", name)
	assert.Equal(t, 5400, off)
	assert.Equal(t, "2026-01-02T04:04:05+01:30", ts.Format(time.RFC3339))
}

func TestTimestampKeepsWhatItCannotParse(t *testing.T) {
	for in, raw := range map[string]string{
		`"not a date"`:                    "not a date",
		`"2026-13-02T03:04:05Z"`:          "2026-13-02T03:04:05Z",
		`"2026-02-30"`:                    "2026-02-30",
		`"2026-01-02T25:00:00Z"`:          "2026-01-02T25:00:00Z",
		`"2026-01-02T03:04:05+25:00"`:     "2026-01-02T03:04:05+25:00",
		`"2026-01-02T03:04:05 junk"`:      "2026-01-02T03:04:05 junk",
		`"2026-01-02T03:04:05."`:          "2026-01-02T03:04:05.",
		`"Fri, 02 Jan 2026 03:04:05 PST"`: "Fri, 02 Jan 2026 03:04:05 PST", // a zone name it cannot know
		`"yesterday \u00e9"`:              "yesterday é",
		`true`:                            "true",
		`1e400`:                           "1e400",
		`0`:                               "0",
		`{"seconds":1}`:                   `{"seconds":1}`,
	} {
		var ts composio.Timestamp
		require.NoError(t, json.Unmarshal([]byte(in), &ts), in)
		assert.True(t, ts.Unparsed(), in)
		assert.False(t, ts.IsZero(), in)
		assert.True(t, ts.Time.IsZero(), in)
		assert.Equal(t, raw, ts.Raw, in)
		assert.Equal(t, raw, ts.String(), in)
	}

	// Absent, null and "" are zero, not unparsed.
	for _, in := range []string{`null`, `""`} {
		ts := composio.Timestamp{Raw: "stale"}
		require.NoError(t, json.Unmarshal([]byte(in), &ts), in)
		assert.True(t, ts.IsZero(), in)
		assert.False(t, ts.Unparsed(), in)
	}

	// Malformed JSON is still an error.
	var ts composio.Timestamp
	assert.Error(t, ts.UnmarshalJSON([]byte(`"2026-01-02`)))
}

func TestTimestampRaw(t *testing.T) {
	var ts composio.Timestamp
	require.NoError(t, json.Unmarshal([]byte(`"2026-01-02 03:04:05"`), &ts))
	assert.Equal(t, "2026-01-02 03:04:05", ts.Raw, "the text as sent")
	require.NoError(t, json.Unmarshal([]byte(`1767323045`), &ts))
	assert.Equal(t, "1767323045", ts.Raw)
}

func TestTimestampEncodes(t *testing.T) {
	type doc struct {
		At       composio.Timestamp  `json:"at"`
		Optional composio.Timestamp  `json:"optional,omitzero"`
		Pointer  *composio.Timestamp `json:"pointer,omitempty"`
	}
	var in doc
	require.NoError(t, json.Unmarshal([]byte(`{"at":"2026-01-02 03:04:05.5","optional":"someday","pointer":1767323045}`), &in))
	out, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"at":"2026-01-02T03:04:05.5Z","optional":"someday","pointer":"2026-01-02T03:04:05Z"}`, string(out))

	out, err = json.Marshal(doc{})
	require.NoError(t, err)
	assert.Equal(t, `{"at":null}`, string(out), "zero is null; omitzero drops it")

	out, err = json.Marshal(composio.Timestamp{Raw: "17"})
	require.NoError(t, err)
	assert.Equal(t, `17`, string(out), "an unparsed JSON value goes back as it came")

	text, err := composio.NewTimestamp(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)).MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "2026-01-02T03:04:05Z", string(text))
	var back composio.Timestamp
	require.NoError(t, back.UnmarshalText(text))
	assert.True(t, back.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
}

func TestTimestampIsATime(t *testing.T) {
	a := composio.NewTimestamp(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	b := composio.NewTimestamp(a.Add(time.Hour))
	assert.True(t, a.Before(b.Time))
	assert.Equal(t, "2026-01-02", a.Format(time.DateOnly))
	assert.Equal(t, time.Hour, b.Sub(a.Time))
	assert.Equal(t, a.Time.String(), a.String())
}
