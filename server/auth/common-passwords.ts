/**
 * Passwords of ten or more characters that appear at the top of published
 * breach corpora, plus local favourites. Compared in lower case.
 */
export const commonPasswords = new Set([
	'1234567890', '0123456789', '12345678910', '1234567891', '0987654321', '1111111111', '0000000000',
	'1122334455', '1234512345', '9876543210', 'qwertyuiop', 'asdfghjkl;', 'password12', 'password123',
	'password1234', 'passw0rd123', 'iloveyou12', 'iloveyou123', 'qwerty1234', 'qwerty12345',
	'1q2w3e4r5t', '1qaz2wsx3edc', 'zaq12wsxcde3', 'abcdefghij', 'abc1234567', 'abcd123456',
	'football123', 'baseball123', 'princess123', 'sunshine123', 'welcome123', 'welcome1234',
	'letmein123', 'administrator', 'admin12345', 'admin123456', 'changeme123', 'trustno1234',
	'superman123', 'michael123', 'monkey1234', 'dragon1234', 'starwars123', 'computer123',
	'internet123', 'samsung123', 'thailand123', 'thailand2567', 'thailand2568', 'thailand2569',
	'bangkok123', 'bangkok1234', 'phayao1234', 'concord123', 'concord1234', 'aaaaaaaaaa',
	'a123456789', 'qwe1234567', 'q1w2e3r4t5', 'password!!', 'passwordpassword', 'iloveyou!!',
	'0812345678', '0891234567', '1234qwer!@', 'p@ssw0rd12', 'p@ssword123', 'secret1234'
]);
