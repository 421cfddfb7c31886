import {describe, expect, test} from 'vitest'
import {cardsOfShard, parseShard} from '../../src/site/shard.js'

describe('parseShard', () => {
  test('reads i/n, with spaces around the numbers', () => {
    expect(parseShard('2/3')).toEqual({index: 2, count: 3})
    expect(parseShard(' 1 / 1 ')).toEqual({index: 1, count: 1})
    expect(parseShard('1000/1000')).toEqual({index: 1000, count: 1000})
  })

  test.each(['0/3', '4/3', '3', '1/0', '-1/3', '1.5/3', 'a/b', '1/1001', '1/3/5', '', '١/٣'])('refuses %j with the form to use', (value) => {
    expect(() => parseShard(value)).toThrow(/give the shard as i\/n, with n from 1 to 1000 and i from 1 to n, such as 2\/3/)
  })
})

describe('cardsOfShard', () => {
  const cards = ['a', 'b', 'c', 'd', 'e', 'f', 'g']

  test('every card is in exactly one shard, and shards differ by at most one card', () => {
    for (const count of [1, 2, 3, 7, 10]) {
      const shards = Array.from({length: count}, (_, position) => cardsOfShard(cards, {index: position + 1, count}))
      expect(shards.flat().sort()).toEqual(cards)
      const sizes = shards.map((shard) => shard.length)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
  })

  test('takes every n-th card from the i-th, in content order', () => {
    expect(cardsOfShard(cards, {index: 2, count: 3})).toEqual(['b', 'e'])
    expect(cardsOfShard(cards, undefined)).toEqual(cards)
  })
})
